using System.Buffers.Binary;

namespace PortraitStream.Inference.Relief.Onnx;

/// <summary>
/// Serialises an <see cref="OnnxGraph"/> as an ONNX ModelProto. Field numbers are onnx.proto's (Debian python3-onnx,
/// /usr/lib/python3/dist-packages/onnx/onnx.proto); repeated scalars are written unpacked, which every protobuf parser
/// accepts for proto2 fields.
/// </summary>
internal static class OnnxModelWriter
{
    /// <summary>IR version 8 (onnx.proto's IR_VERSION of ONNX 1.12): enough for opset 17, read by ONNX Runtime ≥ 1.12.</summary>
    public const long IrVersion = 8;

    /// <summary>Opset 17: GridSample (since 16) and everything else the relief graph uses.</summary>
    public const long Opset = 17;

    public static byte[] Write(OnnxGraph graph, string graphName, string producer, string producerVersion)
    {
        var model = new ProtoWriter();
        model.Varint(1, IrVersion);                      // ModelProto.ir_version
        model.String(2, producer);                       // ModelProto.producer_name
        model.String(3, producerVersion);                // ModelProto.producer_version
        model.Message(7, g => WriteGraph(g, graph, graphName)); // ModelProto.graph
        model.Message(8, opset =>                        // ModelProto.opset_import
        {
            opset.String(1, "");                         // OperatorSetIdProto.domain: the default ONNX domain
            opset.Varint(2, Opset);                      // OperatorSetIdProto.version
        });
        return model.ToArray();
    }

    private static void WriteGraph(ProtoWriter g, OnnxGraph graph, string name)
    {
        foreach (var node in graph.Nodes)
        {
            g.Message(1, n => WriteNode(n, node));       // GraphProto.node
        }
        g.String(2, name);                               // GraphProto.name
        foreach (var initializer in graph.Initializers)
        {
            g.Message(5, t => WriteTensor(t, initializer)); // GraphProto.initializer
        }
        foreach (var input in graph.Inputs)
        {
            g.Message(11, v => WriteValueInfo(v, input)); // GraphProto.input
        }
        foreach (var output in graph.Outputs)
        {
            g.Message(12, v => WriteValueInfo(v, output)); // GraphProto.output
        }
    }

    private static void WriteNode(ProtoWriter n, OnnxGraph.Node node)
    {
        foreach (var input in node.Inputs)
        {
            n.String(1, input);                          // NodeProto.input
        }
        foreach (var output in node.Outputs)
        {
            n.String(2, output);                         // NodeProto.output
        }
        n.String(4, node.OpType);                        // NodeProto.op_type
        foreach (var attribute in node.Attributes)
        {
            n.Message(5, a => WriteAttribute(a, attribute)); // NodeProto.attribute
        }
    }

    private static void WriteAttribute(ProtoWriter a, OnnxGraph.Attribute attribute)
    {
        a.String(1, attribute.Name);                     // AttributeProto.name
        if (attribute.Float is { } f)
        {
            a.Fixed32(2, f);                             // AttributeProto.f
            a.Varint(20, 1);                             // AttributeProto.type = FLOAT
        }
        else if (attribute.Int is { } i)
        {
            a.Varint(3, i);                              // AttributeProto.i
            a.Varint(20, 2);                             // AttributeProto.type = INT
        }
        else if (attribute.Ints is { } ints)
        {
            foreach (var value in ints)
            {
                a.Varint(8, value);                      // AttributeProto.ints
            }
            a.Varint(20, 7);                             // AttributeProto.type = INTS
        }
        else
        {
            a.String(4, attribute.Text ?? "");           // AttributeProto.s
            a.Varint(20, 3);                             // AttributeProto.type = STRING
        }
    }

    private static void WriteTensor(ProtoWriter t, OnnxGraph.Initializer tensor)
    {
        foreach (var dim in tensor.Dims)
        {
            t.Varint(1, dim);                            // TensorProto.dims
        }
        t.Varint(2, tensor.ElementType);                 // TensorProto.data_type
        t.String(8, tensor.Name);                        // TensorProto.name
        t.Bytes(9, RawData(tensor));                     // TensorProto.raw_data: little-endian, row-major
    }

    private static byte[] RawData(OnnxGraph.Initializer tensor)
    {
        if (tensor.Floats is { } floats)
        {
            var bytes = new byte[floats.Length * sizeof(float)];
            for (var i = 0; i < floats.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), floats[i]);
            }
            return bytes;
        }
        var longs = tensor.Int64s ?? [];
        var raw = new byte[longs.Length * sizeof(long)];
        for (var i = 0; i < longs.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), longs[i]);
        }
        return raw;
    }

    private static void WriteValueInfo(ProtoWriter v, OnnxGraph.ValueInfo info)
    {
        v.String(1, info.Name);                          // ValueInfoProto.name
        v.Message(2, type =>                             // ValueInfoProto.type
            type.Message(1, tensor =>                    // TypeProto.tensor_type
            {
                tensor.Varint(1, info.ElementType);      // TypeProto.Tensor.elem_type
                tensor.Message(2, shape =>               // TypeProto.Tensor.shape
                {
                    foreach (var dim in info.Dims)
                    {
                        shape.Message(1, d => d.Varint(1, dim)); // TensorShapeProto.dim.dim_value
                    }
                });
            }));
    }
}
